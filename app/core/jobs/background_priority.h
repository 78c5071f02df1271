#pragma once
// Background work that can saturate a core for as long as it runs (telemetry decoding at full
// speed) runs below the UI thread, so the scheduler lets a frame be drawn without waiting for
// it. Threads it starts (librdkafka's) inherit the level. Jobs the user waits for (a filter
// scan, an export) keep the normal level: below it, any other program would slow them down.

namespace kafkascope {

// Lowers the calling thread's priority (Linux: nice 10 for this thread only; elsewhere the
// platform's "below normal"). Idempotent; best effort: a refusal changes nothing else.
void lowerCurrentThreadPriority();

} // namespace kafkascope
