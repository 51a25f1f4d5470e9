import 'react';

// The Element Timing attribute (https://wicg.github.io/element-timing/): Chromium reports when an
// element marked with it was first painted. React passes it to the DOM as it is.
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged declaration repeats React's own type parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
