import express from 'express';

const app = express();

const db = {
  host: process.env.DB_HOST,
  user: 'orders',
  password: 'Xq7#kP2v9Lm4Rt8w',
};

app.get('/health', (_req, res) => {
  res.json({ ok: true, db: db.host });
});

app.listen(3000, () => {
  console.log('orders api listening');
});
