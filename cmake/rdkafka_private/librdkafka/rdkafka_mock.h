// Stands first on the include path of every target but core (see kafkascope_no_rdkafka in
// cmake/ProjectOptions.cmake), so that librdkafka's real header, which Debian also installs
// system-wide, cannot be reached from there.
#error "librdkafka is private to app/core (its kafka/ plumbing): talk to clusters through core's services and jobs"
