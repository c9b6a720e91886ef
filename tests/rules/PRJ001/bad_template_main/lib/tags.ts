export const tags = { Project: 'tap', ManagedBy: 'Pulumi' };
