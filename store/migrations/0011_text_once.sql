-- A document's text was stored twice, as it was: whole in documents.text,
-- and piece by piece in its passages (which the full-text index reads).
-- From now on an import stores the passages' pieces with, in lead, what
-- lies between the previous passage and each (blank lines, a title line),
-- so that the passages alone hold the whole text; and the document row
-- keeps its text deflated (text_z, a third of the size), as the copy that
-- survives damage to the passages, with only what follows the last passage
-- in documents.text and the whole length in text_length. Documents
-- imported before keep their whole text (text_length NULL): rewriting them
-- here would read every document's text once per passage.
ALTER TABLE passages ADD COLUMN lead TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN text_length INTEGER;
ALTER TABLE documents ADD COLUMN text_z BLOB;
