#pragma once
// Background work that can saturate a core (telemetry decoding at full speed) runs a notch
// below the UI thread, so the scheduler lets a frame be drawn without waiting for it.

namespace kafkascope {

// Lowers the calling thread's priority (Linux: nice +5 for this thread only; elsewhere the
// platform's "below normal"). Best effort: a refusal changes nothing else.
void lowerCurrentThreadPriority();

} // namespace kafkascope
