import { sentence } from '../../src/engine/presentation/text';

describe('sentence', () => {
  it('capitalises a name or phrase placed first', () => {
    expect(sentence('the checking administrator lacks it.')).toBe(
      'The checking administrator lacks it.',
    );
    expect(sentence('add Nora to project role "Developers"')).toBe(
      'Add Nora to project role "Developers"',
    );
  });

  it('leaves an email address placed first as it was written', () => {
    expect(sentence('pat@acme.example lacks Administer Jira.')).toBe(
      'pat@acme.example lacks Administer Jira.',
    );
  });
});
