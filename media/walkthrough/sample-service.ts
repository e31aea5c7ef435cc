// A small Express service with three twelve-factor findings. Put the cursor on a squiggle and press Ctrl+.
// (Cmd+. on macOS) to see the quick fixes; hover a squiggle for its message and a link to its page.
import express from 'express';

const app = express();

app.get('/orders', (_req, res) => {
  console.log('listing orders');
  res.json([]);
});

app.listen(3000);
