//! Opening a server database as a [`Store`]: the same reads and changes as
//! on a file, over one connection to the server.

use super::{schema, Server, ServerError, Target};
use crate::store::db::{Conn, ServerConn};
use crate::store::{sound, OpenNotes, ReadOnlyCause, Result, Stamp, Store, StoreError};

impl Store {
    /// Opens the database `server init` set up at `target`: read-only when
    /// the login role is only in the database's read group.
    pub fn open_server(target: &Target) -> Result<Store> {
        let mut server = Server::connect(target).map_err(StoreError::Server)?;
        let (roles, version) = server.roles().map_err(StoreError::Server)?;
        if version < schema::VERSION {
            return Err(StoreError::Server(ServerError::TooOld {
                found: version,
                known: schema::VERSION,
            }));
        }
        let row = server
            .client()
            .query_one(
                "SELECT pg_has_role(session_user, $1::text::name, 'MEMBER')
                     OR pg_has_role(session_user, $2::text::name, 'MEMBER')",
                &[&roles.staff, &roles.owner],
            )
            .map_err(|e| StoreError::Server(e.into()))?;
        let writes: bool = row.get(0);
        // A writer waits for another's lock as long as on a file, then is
        // told the database is busy; nothing it began is kept.
        let wait = crate::store::lock_wait().as_millis().max(1);
        server
            .client()
            .batch_execute(&format!("SET lock_timeout = {wait}"))
            .map_err(|e| StoreError::Server(e.into()))?;
        let conn = Conn::Server(Box::new(ServerConn::new(
            server.into_client(),
            target.clone(),
        )));
        let read_only_because = (!writes).then(|| ReadOnlyCause::ReadRole(target.user()));
        Ok(Store {
            _sound_closing: sound::BeforeClose(sound::Soundness::new_file()),
            conn,
            read_only: !writes,
            notes: OpenNotes {
                read_only_because,
                upgraded: None,
            },
            sound: sound::AfterClose(sound::Soundness::new_file()),
        })
    }

    /// The login role on a server (`session_user`), who every change made
    /// through this store is recorded as; `None` on a file.
    pub fn session_user(&self) -> Result<Option<String>> {
        match self.conn.as_server() {
            Some(server) => Ok(Some(server.session_user()?)),
            None => Ok(None),
        }
    }

    /// `stamp` as the database records it: on a server the actor is the
    /// login role, whatever name the caller gave.
    pub(crate) fn acting(&self, stamp: &Stamp) -> Result<Stamp> {
        Ok(Stamp {
            actor: self.conn.actor(&stamp.actor)?,
            at: stamp.at,
        })
    }

    /// Whether this store is a database on a server.
    pub fn is_on_server(&self) -> bool {
        self.conn.as_server().is_some()
    }
}
