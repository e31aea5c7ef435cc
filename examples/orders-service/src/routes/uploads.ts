import { Router } from 'express';
import multer from 'multer';
import { pool } from '../db';

const upload = multer({ dest: 'uploads/' });

export const uploadsRouter = Router();

uploadsRouter.post('/:orderId/invoice', upload.single('invoice'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'invoice file missing' });
  await pool.query('UPDATE orders SET invoice_path = $1 WHERE id = $2', [req.file.path, req.params.orderId]);
  res.status(204).end();
});
