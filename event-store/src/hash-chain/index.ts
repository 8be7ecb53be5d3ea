export { withHashChain } from './with-hash-chain';
export { verifyStreamChain, type StreamChainReport } from './verify-stream-chain';
export { computeEventHash, GENESIS_HASH, CHAIN_FIELDS, withoutChainFields } from './event-hash';
export { canonicalJson } from './canonical-json';
