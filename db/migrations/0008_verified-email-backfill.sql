-- Hand-written. Accounts from before e-mail verification: an address counts as verified when the account joined
-- an organisation through an invitation to that address (the invitation link was the proof). Every other
-- existing account verifies at its next sign-in, so an address someone signed up with but never owned cannot
-- carry over as verified (issue 12, finding 1).
UPDATE "users" u SET "email_verified_at" = i."accepted_at"
  FROM "invitations" i
 WHERE i."accepted_by" = u."id" AND i."email" = u."email" AND i."accepted_at" IS NOT NULL
   AND u."email_verified_at" IS NULL;
