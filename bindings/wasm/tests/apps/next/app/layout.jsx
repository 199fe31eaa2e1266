// No favicon request: the driver fails on any resource that does not load.
export const metadata = { title: 'Cesizen SDK in Next.js', icons: { icon: 'data:,' } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
