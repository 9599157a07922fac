-- A document's text was stored twice: whole in documents.text, and again
-- piece by piece in its passages (which the full-text index reads). From
-- now on an import stores it once: each passage keeps, in lead, what lies
-- between the previous passage and it (blank lines, a title line), and
-- documents.text keeps only what follows the last passage, with
-- text_length the whole text's length in bytes. Documents imported before
-- keep their whole text (text_length NULL); rewriting them here would read
-- every document's text once per passage.
ALTER TABLE passages ADD COLUMN lead TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN text_length INTEGER;
