# Finds libzip through pkg-config (Debian: libzip-dev) and exposes LibZip::LibZip. Debian's own
# libzip CMake config is unusable without the zipcmp/zipmerge/ziptool programs.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_LIBZIP QUIET IMPORTED_TARGET libzip>=1.7)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibZip
    REQUIRED_VARS PC_LIBZIP_LINK_LIBRARIES
    VERSION_VAR PC_LIBZIP_VERSION)
if(LibZip_FOUND AND NOT TARGET LibZip::LibZip)
    add_library(LibZip::LibZip ALIAS PkgConfig::PC_LIBZIP)
endif()
