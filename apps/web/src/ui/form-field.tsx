import { type ReactNode, useId } from 'react';

/**
 * A labelled form control with at most one message under it: `render` gets the control's id
 * and the id of the message, for `aria-describedby`.
 */
export function FormField({
  label,
  problem,
  render,
}: {
  label: string;
  problem?: string | undefined;
  render: (ids: {
    id: string;
    describedBy: string | undefined;
    invalid: true | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-problem`;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {render({
        id,
        describedBy: problem ? messageId : undefined,
        invalid: problem ? true : undefined,
      })}
      {problem ? (
        <span id={messageId} className="form-error">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
