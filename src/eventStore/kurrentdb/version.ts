/**
 * The one KurrentDB server version the adapter is tested against; `docker-compose.yml` and the
 * container tests use the same image (a test checks the compose file).
 */
export const KURRENTDB_TAG = '25.1.3';
export const KURRENTDB_IMAGE = `kurrentplatform/kurrentdb:${KURRENTDB_TAG}`;
