import ActionModel
import Foundation
import PostgresNIO

/// The PostgreSQL schema, with the same migration names as SQLite's
/// (`StoreMigrations`), so a store's version means the same on both backends.
/// Columns mirror SQLite's: times are seconds since 1970 (double precision),
/// JSON is kept as the exact text written, so a copy between backends is exact.
///
/// Adding a table (e.g. the models of `v6-models`): append one
/// `Migration(name:statements:)` to `all`, with its tables and a
/// `switchboard_notify` trigger per table whose changes consoles should see.
enum PostgresMigrations {
    struct Migration {
        var name: String
        var statements: [PostgresQuery]
    }

    /// Any key; one per application, so `pg_advisory_lock` serialises Switchboard's migrations only.
    static let advisoryLockKey: Int64 = 0x5357_4244_0000_0001

    /// The channel live updates are sent on (payload `table`).
    static let notifyChannel = "switchboard_changes"

    /// A trigger that tells every listening console which table changed.
    static func notifyTrigger(_ table: String) -> PostgresQuery {
        "CREATE TRIGGER \(unescaped: table)_notify AFTER INSERT OR UPDATE OR DELETE ON \(unescaped: table) FOR EACH STATEMENT EXECUTE FUNCTION switchboard_notify()"
    }

    // Computed: the default agent gets a fresh ID in every database.
    static var all: [Migration] { [
        Migration(name: "v1-actions", statements: [
            """
            CREATE FUNCTION switchboard_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('switchboard_changes', TG_TABLE_NAME);
              RETURN NULL;
            END $$
            """,
            """
            CREATE TABLE action (
              id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL, function_name text NOT NULL UNIQUE,
              description text NOT NULL, trigger text NOT NULL, configuration text NOT NULL, phone_number text, url text,
              property_count bigint NOT NULL DEFAULT 0, required_count bigint NOT NULL DEFAULT 0, detail text,
              created_at double precision NOT NULL, updated_at double precision NOT NULL, version bigint NOT NULL)
            """,
            "CREATE INDEX action_created_at ON action (created_at, id)",
            "CREATE TABLE retired_action_id (id text PRIMARY KEY, retired_at double precision NOT NULL)",
            notifyTrigger("action"),
        ]),
        Migration(name: "v2-agents-calls", statements: [
            """
            CREATE TABLE agent (
              id text PRIMARY KEY, name text NOT NULL, greeting text NOT NULL, prompt text NOT NULL, action_ids text,
              is_default boolean NOT NULL DEFAULT false, created_at double precision NOT NULL,
              updated_at double precision NOT NULL, version bigint NOT NULL)
            """,
            // SQLite's NOCASE: names are unique whatever their case.
            "CREATE UNIQUE INDEX agent_name_nocase ON agent (lower(name))",
            """
            INSERT INTO agent (id, name, greeting, prompt, action_ids, is_default, created_at, updated_at, version)
            VALUES (\(AgentID.generate().rawValue), 'Default agent', \(Agent.defaultGreeting), \(Agent.defaultPrompt), NULL, true,
                    extract(epoch FROM clock_timestamp()), extract(epoch FROM clock_timestamp()), 1)
            """,
            """
            CREATE TABLE call (
              id text PRIMARY KEY, agent_id text, agent_name text NOT NULL, started_from_action text,
              started_at double precision NOT NULL, ended_at double precision, end_reason text, origin text NOT NULL)
            """,
            """
            CREATE TABLE call_event (
              call_id text NOT NULL REFERENCES call ON DELETE CASCADE, sequence bigint NOT NULL, time double precision NOT NULL,
              type text NOT NULL, text text NOT NULL, action_id text, data text NOT NULL, PRIMARY KEY (call_id, sequence))
            """,
            "CREATE INDEX call_started_at ON call (started_at)",
            notifyTrigger("agent"),
            notifyTrigger("call"),
        ]),
        Migration(name: "v3-environments", statements: [
            "CREATE TABLE environment (name text PRIMARY KEY, created_at double precision NOT NULL)",
            "CREATE UNIQUE INDEX environment_name_nocase ON environment (lower(name))",
            """
            CREATE TABLE environment_variable (
              environment text NOT NULL REFERENCES environment (name) ON DELETE CASCADE ON UPDATE CASCADE,
              name text NOT NULL, value text NOT NULL, PRIMARY KEY (environment, name))
            """,
            // Definitions only (names and sources): secret values never enter the shared database.
            "CREATE TABLE secret (name text PRIMARY KEY, from_environment_variable text, created_at double precision NOT NULL)",
            "CREATE TABLE setting (key text PRIMARY KEY, value text NOT NULL)",
            notifyTrigger("environment"),
            notifyTrigger("environment_variable"),
            notifyTrigger("secret"),
            notifyTrigger("setting"),
        ]),
        Migration(name: "v4-webhooks", statements: [
            """
            CREATE TABLE webhook (
              id text PRIMARY KEY, label text NOT NULL, url text NOT NULL, events text NOT NULL, secret_name text,
              enabled boolean NOT NULL DEFAULT true, created_at double precision NOT NULL,
              updated_at double precision NOT NULL, version bigint NOT NULL)
            """,
            "CREATE UNIQUE INDEX webhook_label_nocase ON webhook (lower(label))",
            // Hands out queue positions across processes without two enqueuers taking the same one.
            "CREATE SEQUENCE webhook_delivery_queue_order",
            """
            CREATE TABLE webhook_delivery (
              id text PRIMARY KEY, webhook_id text NOT NULL REFERENCES webhook ON DELETE CASCADE,
              queue_order bigint NOT NULL DEFAULT nextval('webhook_delivery_queue_order'),
              event text NOT NULL, call_id text, created_at double precision NOT NULL, body text NOT NULL, status text NOT NULL,
              attempt_count bigint NOT NULL DEFAULT 0, max_retries bigint NOT NULL, round_start bigint NOT NULL DEFAULT 0,
              next_attempt_at double precision, last_status_code bigint, last_error text, updated_at double precision NOT NULL,
              claimed_by text, claimed_until double precision)
            """,
            "CREATE INDEX webhook_delivery_queue ON webhook_delivery (webhook_id, status, queue_order)",
            "CREATE INDEX webhook_delivery_call ON webhook_delivery (call_id)",
            """
            CREATE TABLE webhook_delivery_attempt (
              delivery_id text NOT NULL REFERENCES webhook_delivery ON DELETE CASCADE, number bigint NOT NULL,
              started_at double precision NOT NULL, duration_ms double precision NOT NULL, status_code bigint, error text,
              outcome text NOT NULL, PRIMARY KEY (delivery_id, number))
            """,
            notifyTrigger("webhook"),
            notifyTrigger("webhook_delivery"),
        ]),
        Migration(name: "v5-action-platform", statements: [
            "ALTER TABLE action ADD COLUMN platform text NOT NULL DEFAULT \(unescaped: "'" + ActionPlatform.default.rawValue + "'")",
        ]),
        Migration(name: "v6-models", statements: [
            // The API key column holds `{{secret.NAME}}` only: the key itself never enters the store.
            """
            CREATE TABLE model (
              name text PRIMARY KEY, base_url text NOT NULL, model_id text NOT NULL, api_key text, headers text NOT NULL,
              query text NOT NULL, temperature double precision, max_tokens bigint, timeout_seconds bigint NOT NULL,
              created_at double precision NOT NULL, updated_at double precision NOT NULL, version bigint NOT NULL)
            """,
            "CREATE UNIQUE INDEX model_name_nocase ON model (lower(name))",
            // The agent's engine: NULL is the rule-based one.
            "ALTER TABLE agent ADD COLUMN model text",
            notifyTrigger("model"),
        ]),
    ] }

    /// Brings the database up to date under an advisory lock (two processes
    /// starting at once: the second waits, then finds nothing to do). A
    /// database with migrations this version doesn't know is refused untouched.
    static func migrate(_ session: PostgresSession) throws(StoreError) {
        try session.withConnection { connection throws(StoreError) in
            let run = PostgresTransaction(session: session, connection: connection)
            try run.execute("SELECT pg_advisory_lock(\(advisoryLockKey))")
            defer { _ = try? run.execute("SELECT pg_advisory_unlock(\(advisoryLockKey))") }
            try run.execute("CREATE TABLE IF NOT EXISTS switchboard_migrations (identifier text PRIMARY KEY, applied_at double precision NOT NULL)")
            let applied = Set(try run.column("SELECT identifier FROM switchboard_migrations", as: String.self))
            let known = Set(all.map(\.name))
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty { throw .newerSchema(path: session.redacted, unknownMigrations: unknown) }
            for migration in all where !applied.contains(migration.name) {
                try run.execute("BEGIN")
                do throws(StoreError) {
                    for statement in migration.statements { try run.execute(statement) }
                    try run.execute("INSERT INTO switchboard_migrations (identifier, applied_at) VALUES (\(migration.name), extract(epoch FROM clock_timestamp()))")
                    try run.execute("COMMIT")
                } catch {
                    _ = try? run.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }
}
