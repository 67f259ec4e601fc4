export const advisoryPath = (id: string): string => `/advisories/${encodeURIComponent(id)}`;
