import { xcss } from '@atlaskit/primitives';

/** Two columns side by side when there is room, one under the other when there is not. */
export const twoColumns = xcss({ gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))' });

/** Like `twoColumns`, top-aligned for fields whose helper texts differ in length. */
export const topAlignedColumns = xcss({
  gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
  alignItems: 'start',
});

/** Lines the helper text up with the checkbox's label. */
export const checkboxHelper = xcss({ paddingInlineStart: 'space.300' });
