import * as React from 'react';
import { StatusBadge } from './badge';
import { Layout } from './layout';

// Names used only as JSX tags count as used; `React` is what the classic JSX transform calls.
export function Status(props: { healthy: boolean }) {
  return (
    <Layout.Panel>
      <StatusBadge healthy={props.healthy} />
    </Layout.Panel>
  );
}
