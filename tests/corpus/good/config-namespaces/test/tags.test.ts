import { standardTags } from '../lib/tags';

describe('standardTags', () => {
  it('tags the environment', () => {
    expect(standardTags('dev').Environment).toBe('dev');
  });

  it('puts every resource in a cost centre', () => {
    expect(standardTags('prod')).toMatchObject({ CostCenter: 'data-prod', ManagedBy: 'Pulumi' });
  });
});
