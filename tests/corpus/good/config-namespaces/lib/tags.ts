export function standardTags(environment: string): Record<string, string> {
  return {
    Project: 'data-pipeline',
    Environment: environment,
    ManagedBy: 'Pulumi',
    CostCenter: 'data-' + environment,
  };
}
