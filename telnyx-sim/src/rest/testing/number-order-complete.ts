import type Telnyx from 'telnyx';

/** Waits until Telnyx has completed a number order (it answers `pending` first); returns the completed order. */
export async function numberOrderCompleted(client: Telnyx, orderId: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = (await client.numberOrders.retrieve(orderId)).data!;
    if (order.status !== 'pending') return order;
    if (Date.now() > deadline) throw new Error(`number order ${orderId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
