-- When a passage tagging was last decided (its state set), so that an
-- annotation bundle's older decision does not replace a newer one made
-- here (it did, whatever the dates: found by a hostile pass). NULL: not
-- known (decided before this column, or restored from an older bundle).
-- Writers that set it themselves (a bundle restore, with the bundle's
-- time) keep theirs; any other change of state is stamped now, whichever
-- program makes it.
ALTER TABLE passage_tags ADD COLUMN decided_at TEXT;
CREATE TRIGGER passage_tags_decided AFTER UPDATE OF state ON passage_tags
    WHEN new.state IS NOT old.state AND new.decided_at IS old.decided_at
BEGIN
    UPDATE passage_tags SET decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE passage_id = new.passage_id AND tag_id = new.tag_id;
END;
