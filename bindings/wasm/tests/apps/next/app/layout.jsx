// The root layout preloads the SDK's module: its download starts with the document, not after hydration.
import { preload } from 'react-dom';
import { moduleUrl } from '@cesizen/sdk/preload';

// No favicon request: the driver fails on any resource that does not load.
export const metadata = { title: 'Cesizen SDK in Next.js', icons: { icon: 'data:,' } };

export default function RootLayout({ children }) {
  preload(moduleUrl, { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
