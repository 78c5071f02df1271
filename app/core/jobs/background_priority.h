#pragma once
// Background work that can saturate a core (telemetry decoding at full speed, a filter scan
// over millions of records) runs below the UI thread, so the scheduler lets a frame be drawn
// without waiting for it. Threads it starts (librdkafka's) inherit the level.

namespace kafkascope {

// Lowers the calling thread's priority (Linux: nice 10 for this thread only; elsewhere the
// platform's "below normal"). Idempotent; best effort: a refusal changes nothing else.
void lowerCurrentThreadPriority();

} // namespace kafkascope
