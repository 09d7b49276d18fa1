-- The optional second factor of an admin (RFC 6238 TOTP). The secret must be readable to check a code, so it is kept
-- as is (base32): whoever reads this table can make codes, as with any TOTP server. The last step used refuses a
-- replayed code.
ALTER TABLE security_admin ADD COLUMN totp_secret VARCHAR;
ALTER TABLE security_admin ADD COLUMN totp_enabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE security_admin ADD COLUMN totp_last_step BIGINT;
