# Every external dependency, each named with the Debian package that provides it.
# feature_summary(FATAL_ON_MISSING_REQUIRED_PACKAGES) in the root file turns a missing one into one clear error.
find_package(PkgConfig)
set_package_properties(PkgConfig PROPERTIES TYPE REQUIRED
    PURPOSE "Locates libgit2, libzip and libyaml. Debian package: pkg-config")

find_package(Qt6 6.4 COMPONENTS Core Gui Widgets Charts Svg Concurrent Test)
set_package_properties(Qt6 PROPERTIES TYPE REQUIRED
    URL "https://www.qt.io"
    PURPOSE "GUI, charts and tests. Debian packages: qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev (Qt Charts needs it)")
# A half-installed Qt (qt6-base-dev without qt6-charts-dev) makes Qt6 "found" with missing components;
# name the package for each so the message says what to install.
foreach(_comp_pkg IN ITEMS "Charts;qt6-charts-dev" "Svg;qt6-svg-dev" "Widgets;qt6-base-dev" "Test;qt6-base-dev")
    list(GET _comp_pkg 0 _comp)
    list(GET _comp_pkg 1 _pkg)
    if(Qt6_FOUND AND NOT Qt6${_comp}_FOUND)
        message(SEND_ERROR "Qt6 ${_comp} is missing. Install the Debian package: ${_pkg}")
    endif()
endforeach()

find_package(LibGit2)
set_package_properties(LibGit2 PROPERTIES TYPE REQUIRED
    URL "https://libgit2.org"
    PURPOSE "Reads git history. Debian package: libgit2-dev")

find_package(SQLite3)
set_package_properties(SQLite3 PROPERTIES TYPE REQUIRED
    URL "https://sqlite.org"
    PURPOSE "Workspace store. Debian package: libsqlite3-dev")

# simdjson: CI exports run to gigabytes of JSON Lines; measured 2.6 µs per 2.5 KB GitHub job
# document against 30 µs for QJsonDocument, which would otherwise cost more than the inserts.
find_package(simdjson)
set_package_properties(simdjson PROPERTIES TYPE REQUIRED
    URL "https://simdjson.org"
    PURPOSE "Parses CI, deploy and incident JSON exports. Debian package: libsimdjson-dev")

# Through pkg-config: Debian's libzip CMake config also requires the zipcmp/zipmerge/ziptool
# programs, which libzip-dev does not install.
find_package(LibZip)
set_package_properties(LibZip PROPERTIES TYPE REQUIRED
    URL "https://libzip.org"
    PURPOSE "Reads GitHub Actions run-log archives. Debian package: libzip-dev")

# libcsv: RFC 4180 parsing with strict quote checking for the deployment and incident CSVs; a
# maintained Debian library rather than a hand-written parser (quoted newlines, doubled quotes).
find_package(LibCsv)
set_package_properties(LibCsv PROPERTIES TYPE REQUIRED
    URL "https://github.com/rgamble/libcsv"
    PURPOSE "Reads deployment and incident CSV exports. Debian package: libcsv-dev")

# yaml-cpp: Argo CD Application manifests exported as YAML (kubectl get -o yaml).
find_package(yaml-cpp)
set_package_properties(yaml-cpp PROPERTIES TYPE REQUIRED
    URL "https://github.com/jbeder/yaml-cpp"
    PURPOSE "Reads Argo CD Application YAML. Debian package: libyaml-cpp-dev")

# libyaml: validates a YAML file before yaml-cpp loads it. yaml-cpp 0.7 loops forever, growing without
# bound, on a ',' where a document or node should start (found by fuzz_deploys); libyaml, fuzzed
# upstream (OSS-Fuzz), refuses such input with a line and column.
find_package(LibYaml)
set_package_properties(LibYaml PROPERTIES TYPE REQUIRED
    URL "https://pyyaml.org/wiki/LibYAML"
    PURPOSE "Validates Argo CD YAML before yaml-cpp loads it. Debian package: libyaml-dev")

# tcmalloc: the git import allocates and frees small buffers on several threads at a high rate;
# measured 12-15 % less wall time than glibc's malloc on a 10k-commit import. The sanitizers bring
# their own allocator, so it is left out of those builds.
find_library(TCMALLOC_MINIMAL_LIBRARY NAMES tcmalloc_minimal)
add_feature_info(tcmalloc TCMALLOC_MINIMAL_LIBRARY
    "faster allocation for imports. Debian package: libgoogle-perftools-dev")

if(Qt6_FOUND)
    qt_standard_project_setup()
endif()
