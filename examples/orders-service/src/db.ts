import { Pool } from 'pg';
import Redis from 'ioredis';
import { config } from './config';

export const pool = new Pool({
  host: config.db.host,
  port: config.db.port,
  user: config.db.user,
  password: config.db.password,
  database: config.db.database,
  max: 10,
});

export const replica = new Pool({ connectionString: config.replicaUrl });

export const redis = new Redis(config.redisUrl);

// the analytics box is only reachable on the private network
export const analytics = new Pool({
  host: '10.0.7.42',
  port: 5432,
  user: 'analytics_ro',
  database: 'events',
  password: process.env.ANALYTICS_PASSWORD,
});

pool.on('error', (err) => {
  console.error('Unexpected error on idle client', err);
});
