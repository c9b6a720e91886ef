import * as fs from 'node:fs';

describe('deployed stack', () => {
  it('has outputs', () => {
//^^ PRJ002
  });
});
