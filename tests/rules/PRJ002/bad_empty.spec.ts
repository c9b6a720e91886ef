import * as pulumi from '@pulumi/pulumi';
// expect: PRJ002 1:1-1:42

// describe('TapStack', () => {
//   it('creates resources', async () => {
//     expect(stack.bucket).toBeDefined();
//   });
// });
