-- The store's schema as ddfb88d's create_all made it (before migrations), for postgresql.
-- tests/unit/test_migrations.py upgrades a store made from it.

CREATE TABLE actors (
	actor_id TEXT NOT NULL, 
	name TEXT NOT NULL, 
	aliases TEXT, 
	color TEXT NOT NULL, 
	side TEXT NOT NULL, 
	parent TEXT, 
	source TEXT, 
	PRIMARY KEY (actor_id)
);

CREATE TABLE aid_deliveries (
	delivery_id TEXT NOT NULL, 
	convoy_id TEXT NOT NULL, 
	date DATE NOT NULL, 
	date_precision TEXT, 
	date_text TEXT, 
	origin_place_id TEXT, 
	destination_place_id TEXT NOT NULL, 
	place_name TEXT, 
	organisations TEXT, 
	trucks BIGINT, 
	beneficiaries BIGINT, 
	figures_scope TEXT, 
	items TEXT, 
	reported_first_since DATE, 
	reported_first_since_precision TEXT, 
	status TEXT NOT NULL, 
	source_ids TEXT NOT NULL, 
	quote TEXT NOT NULL, 
	notes TEXT, 
	PRIMARY KEY (delivery_id)
);

CREATE TABLE audit_log (
	audit_id SERIAL NOT NULL, 
	table_name TEXT NOT NULL, 
	row_id TEXT NOT NULL, 
	action TEXT NOT NULL, 
	actor TEXT NOT NULL, 
	at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	before TEXT, 
	PRIMARY KEY (audit_id)
);

CREATE TABLE control_events (
	event_id TEXT NOT NULL, 
	date DATE NOT NULL, 
	date_precision TEXT, 
	seq BIGINT, 
	date_text TEXT, 
	place_id TEXT NOT NULL, 
	place_name TEXT, 
	event_type TEXT NOT NULL, 
	actor_id TEXT, 
	opponent_id TEXT, 
	status TEXT NOT NULL, 
	claimed_by TEXT, 
	confirmed_by TEXT, 
	source_ids TEXT NOT NULL, 
	quote TEXT NOT NULL, 
	notes TEXT, 
	PRIMARY KEY (event_id)
);

CREATE TABLE places (
	place_id TEXT NOT NULL, 
	name TEXT NOT NULL, 
	kind TEXT NOT NULL, 
	lat FLOAT NOT NULL, 
	lon FLOAT NOT NULL, 
	country TEXT NOT NULL, 
	admin1 TEXT, 
	population BIGINT, 
	aliases TEXT, 
	source TEXT NOT NULL, 
	PRIMARY KEY (place_id)
);

CREATE TABLE schema_info (
	version SERIAL NOT NULL, 
	PRIMARY KEY (version)
);

CREATE TABLE sources (
	source_id TEXT NOT NULL, 
	publisher TEXT NOT NULL, 
	title TEXT NOT NULL, 
	dateline TEXT, 
	url TEXT, 
	published_at DATE NOT NULL, 
	published_at_precision TEXT, 
	text_path TEXT, 
	notes TEXT, 
	PRIMARY KEY (source_id)
);
