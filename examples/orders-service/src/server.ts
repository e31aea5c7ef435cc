import express from 'express';
import cors from 'cors';
import { sessionMiddleware } from './session';
import { ordersRouter } from './routes/orders';
import { uploadsRouter } from './routes/uploads';
import { pool } from './db';

const app = express();

app.use(cors());
app.use(express.json());
app.use(sessionMiddleware);

app.get('/health', async (_req, res) => {
  await pool.query('SELECT 1');
  res.send('ok');
});

app.use('/orders', ordersRouter);
app.use('/uploads', uploadsRouter);

app.listen(3000, () => {
  console.log('orders-service listening on http://localhost:3000');
});
