-- Section headings (from Markdown) are passages like any other, searchable
-- and citable, but the reader sets them apart.
ALTER TABLE passages ADD COLUMN heading INTEGER NOT NULL DEFAULT 0;
