export * from './governor-state';
export * from './queue-hop';
export * from './rate-governor';
export * from './rate-headers';
export * from './quota-view';
