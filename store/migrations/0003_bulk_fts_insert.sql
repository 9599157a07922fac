-- Passages are added to the full-text index by the importer, one statement
-- per document, not by a per-row trigger: a trigger runs inside each
-- INSERT's statement savepoint, and FTS5 flushes its pending index data at
-- every savepoint — one tiny segment per passage, then endless merging.
-- Deletes and updates keep their triggers.
DROP TRIGGER IF EXISTS passages_ai;
