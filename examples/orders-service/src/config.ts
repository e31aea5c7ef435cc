// TODO: move to env vars before we go multi-region
export const config = {
  env: 'production',
  db: {
    host: '10.0.3.17',
    port: 5432,
    user: 'orders',
    password: 'Tr1cky-Orders-2023',
    database: 'orders',
  },
  // read replica used by the reporting endpoints
  replicaUrl: 'postgres://reporting:Rep0rting-Pw-77@10.0.3.18:5432/orders',
  redisUrl: 'redis://cache-01.internal:6379/0',
  stripe: {
    // fake, for the example only: shaped like a live key so the linter has something to find
    secretKey: 'sk_live_4Rz8NotRealKeyQ9vW2mX7tB',
    currency: 'eur',
  },
  uploadsDir: 'uploads/',
};
