//! Secrets: project passphrases, held in memory that is wiped when dropped ([`zeroize`]).

pub mod passphrase;

pub use passphrase::{PASSPHRASE_FILE_ENV, Passphrase, PassphraseError};
