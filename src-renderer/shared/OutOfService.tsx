/**
 * What a station PC whose configuration is damaged shows in the hall: no set-up screen, no way in
 * for a citizen. Staff unlock it with the exit chord on a keyboard plugged into the PC, which opens
 * the set-up (the main process decides; this page has no control of its own).
 */
export function OutOfService() {
  return (
    <main className="station kiosk" data-screen="out-of-service">
      <section className="screen idle" aria-live="polite">
        <h1>Stasiun ini sedang tidak dapat melayani</h1>
        <p className="notice warn">Silakan gunakan anjungan lain atau menuju meja bantuan.</p>
        <p lang="en">This station is out of service. Please use another kiosk or go to the help desk.</p>
      </section>
    </main>
  );
}
