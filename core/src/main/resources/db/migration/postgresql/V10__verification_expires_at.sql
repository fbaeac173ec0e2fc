-- The cleanup finds tokens a day past their expiry (SELECT id ... WHERE expires_at <= ?) and deletes
-- them by id. Without an index that read scans the whole table; with one it reads only the expired range.
CREATE INDEX verification_expires_at_idx ON verification (expires_at);
