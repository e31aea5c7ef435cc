import fs from 'fs';
import path from 'path';
import { Router } from 'express';
import Stripe from 'stripe';
import { config } from '../config';
import { pool, redis } from '../db';
import { logger } from '../logger';

const stripe = new Stripe(config.stripe.secretKey);
const LEDGER_FILE = path.join(__dirname, '../../data/orders-ledger.json');

export const ordersRouter = Router();

ordersRouter.get('/', async (_req, res) => {
  const cached = await redis.get('orders:recent');
  if (cached) return res.json(JSON.parse(cached));
  const { rows } = await pool.query('SELECT id, total, status FROM orders ORDER BY created_at DESC LIMIT 50');
  await redis.set('orders:recent', JSON.stringify(rows), 'EX', 30);
  res.json(rows);
});

ordersRouter.post('/', async (req, res) => {
  const { items, customerId } = req.body;
  const total = items.reduce((sum: number, item: { price: number; qty: number }) => sum + item.price * item.qty, 0);
  const intent = await stripe.paymentIntents.create({ amount: Math.round(total * 100), currency: config.stripe.currency });
  const { rows } = await pool.query(
    'INSERT INTO orders (customer_id, total, payment_intent) VALUES ($1, $2, $3) RETURNING id',
    [customerId, total, intent.id],
  );
  console.log(`order ${rows[0].id} created for customer ${customerId}`);

  // finance exports the ledger every night, so keep it next to the app
  const ledger = fs.existsSync(LEDGER_FILE) ? JSON.parse(fs.readFileSync(LEDGER_FILE, 'utf8')) : [];
  ledger.push({ id: rows[0].id, customerId, total, at: new Date().toISOString() });
  fs.writeFileSync(LEDGER_FILE, JSON.stringify(ledger));

  res.status(201).json({ id: rows[0].id, clientSecret: intent.client_secret });
});

ordersRouter.get('/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);
  if (rows.length === 0) {
    logger.warn('order not found', { id: req.params.id });
    return res.status(404).end();
  }
  res.json(rows[0]);
});
