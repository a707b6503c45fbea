// 0009 — identifiers a station sent that another station already holds (issue 10): the row is kept under
// a hub-side key (`<id>@<station>`), and this table says which client id it stands for and whose it
// clashed with. Frozen once released.
import type { Migration } from 'kysely/migration';
import { runScript } from '../script';

export const h0009_id_clashes: Migration = {
  up: (db) => runScript(db, DDL),
};

const DDL = `
CREATE TABLE id_clashes (
  table_name text NOT NULL,
  column_name text NOT NULL,
  hub_key text NOT NULL,
  client_id text NOT NULL,
  station_id text NOT NULL REFERENCES stations(station_id),
  other_station_id text NOT NULL,
  event_seq bigint NOT NULL,
  PRIMARY KEY (table_name, column_name, hub_key)
)

CREATE TRIGGER id_clashes_append_only BEFORE UPDATE OR DELETE ON id_clashes FOR EACH ROW EXECUTE FUNCTION reject_change()
`;
