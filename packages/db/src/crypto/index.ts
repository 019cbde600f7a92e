export * from './field-encryption.js';
export * from './rotate-keys.js';
