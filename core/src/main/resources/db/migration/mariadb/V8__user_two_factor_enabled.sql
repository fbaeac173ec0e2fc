-- Whether the user's two-factor enrolment is confirmed: kept on the user row so that sign-in and
-- every session read learn it from the row they already read, with no extra query.
ALTER TABLE `user` ADD COLUMN two_factor_enabled BOOLEAN DEFAULT FALSE NOT NULL;
