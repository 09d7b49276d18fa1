-- Recovery codes of the second factor: each signs in once instead of a TOTP code (a lost phone). Only their SHA-256
-- is kept.
CREATE TABLE security_recovery_code (
    username VARCHAR NOT NULL REFERENCES security_admin (username),
    code_hash VARCHAR NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (username, code_hash)
);
