// Where settings live in extension storage (shared by readers and writers).
export const SETTINGS_KEY = 'settings';
