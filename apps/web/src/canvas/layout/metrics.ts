// The block metrics are shared with each pattern's layout part (shared/patterns/): they live there.
export * from '../../shared/patterns/blockMetrics';
