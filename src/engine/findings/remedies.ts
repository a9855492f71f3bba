/** The remedy builders live in their codes' entries (`catalogue/`); this names them for the steps. */
export { dcRemedy, remedy } from './catalogue';
export type {
  DcScheme,
  NotCheckedReason,
  RateLimitSeen,
  ScopeCredential,
  ScopeRefusal,
} from './catalogue';
