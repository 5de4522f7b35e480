#!/usr/bin/env bash
# Builds Tokenscope's native package with its own trimmed runtime:
#   Linux: app-image + .deb      Windows (Git Bash + WiX 3): .msi      macOS: .dmg
# Output: target/dist/. Usage: packaging/build.sh [--app-image-only] [--no-cds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
app_image_only=false; cds=true
for a in "$@"; do case $a in --app-image-only) app_image_only=true;; --no-cds) cds=false;; *) echo "unknown option $a" >&2; exit 2;; esac; done

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -d "$java_home/jmods" ] || { echo "no $java_home/jmods: install the JDK's jmods (Debian: openjdk-17-jmods)" >&2; exit 1; }
version=$(sed -n 's:.*<version>\([0-9][^<]*\)</version>.*:\1:p' pom.xml | head -1)
case "$(uname -s)" in Linux*) os=linux;; Darwin*) os=mac;; MINGW*|MSYS*|CYGWIN*) os=win;; *) echo "unsupported OS" >&2; exit 1;; esac
dist=target/dist
rm -rf "$dist"; mkdir -p "$dist/input" "$dist/fxmods"

echo "== build the jars"
mvn -q -B package -Dmaven.test.skip=true
cp target/tokenscope.jar "$dist/input/"
for j in target/lib/*.jar; do
  b=$(basename "$j")
  case $b in
    javafx-*-linux.jar|javafx-*-win.jar|javafx-*-mac*.jar) cp "$j" "$dist/fxmods/";;  # explicit modules with natives
    javafx-*) ;;                                                                        # empty platform stubs
    *) cp "$j" "$dist/input/";;
  esac
done

# AtlantaFX's other themes (Nord, Cupertino, Dracula; ~0.4 MB): Tokenscope uses Primer only, from its own trimmed copy.
afx=$(ls "$dist"/input/atlantafx-base-*.jar 2>/dev/null | head -1 || true)
if [ -n "$afx" ] && command -v zip >/dev/null; then
  zip -q -d "$afx" 'atlantafx/base/theme/nord-*' 'atlantafx/base/theme/cupertino-*' 'atlantafx/base/theme/dracula.*'
fi

if [ "$os" = linux ]; then cp packaging/linux/tokenscope.desktop packaging/linux/tokenscope-mime.xml assets/icons/tokenscope-256.png "$dist/input/"; fi
# The native crypto library (batch verify): the stripped copy from target/native next to the jars, loaded from there
# (see the java-options below), and taken out of the provider's jar so it is shipped once.
native_opts=()
accp=$(ls "$PWD/$dist"/input/AmazonCorrettoCryptoProvider-*.jar 2>/dev/null | head -1 || true)
if [ "$os" != linux ] || [ "$(uname -m)" != x86_64 ]; then
  # The provider's build is Linux x86_64 only: elsewhere the JDK verifies (NativeCrypto falls back by itself).
  [ -n "$accp" ] && rm -f "$accp"
elif [ -n "$accp" ] && [ -f target/native/libamazonCorrettoCryptoProvider.so ]; then
  mkdir -p "$dist/input/native"
  cp target/native/libamazonCorrettoCryptoProvider.so "$dist/input/native/"
  rm -rf "$dist/accp" && mkdir "$dist/accp"
  (cd "$dist/accp" && "$java_home/bin/jar" xf "$accp" && rm -f com/amazon/corretto/crypto/provider/*.so)
  rm "$accp"
  "$java_home/bin/jar" --create --file "$accp" --manifest "$dist/accp/META-INF/MANIFEST.MF" -C "$dist/accp" . && rm -rf "$dist/accp"
  native_opts=(--java-options '-Djava.library.path=$APPDIR/native' --java-options "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true")
fi

echo "== jlink the runtime"
modules=java.base,java.desktop,java.logging,java.sql,jdk.crypto.ec,jdk.unsupported,javafx.controls,javafx.fxml
strip=(--strip-debug)
if [ "$os" = linux ] && command -v objcopy >/dev/null; then   # binutils: also strip libjvm.so & co
  strip=(--strip-java-debug-attributes --strip-native-debug-symbols=exclude-debuginfo-files)
fi
jlink --module-path "$java_home/jmods:$dist/fxmods" --add-modules "$modules" "${strip[@]}" \
  --no-header-files --no-man-pages --compress=2 --generate-cds-archive --output "$dist/runtime"
# The archive for heaps over 32 GB (no compressed oops) is dead weight for a desktop tool.
rm -f "$dist"/runtime/lib/server/classes_nocoops.jsa
# JavaFX's natives: place them in the runtime so nothing is unpacked into ~/.openjfx at first start.
if [ "$os" = linux ]; then
  (cd "$dist/runtime/lib" && for j in ../../fxmods/*.jar; do unzip -o -q "$j" '*.so' 2>/dev/null || true; done)
fi

# Transparent huge pages for the heap (Linux only: the flag does not exist elsewhere): with a 32 MB young generation,
# a batch run's page faults fell from 42,000 to 11,000 on the benchmark VM (bench/verify/README.md).
thp_opts=()
[ "$os" = linux ] && thp_opts=(--java-options "-XX:+UseTransparentHugePages")
common=(--name Tokenscope --app-version "$version" --vendor "Tokenscope" --copyright "Copyright 2026 the Tokenscope authors"
  --description "Is this Microsoft Entra ID token valid for my API, and if not, why not?"
  --input "$dist/input" --main-jar tokenscope.jar --main-class dev.tokenscope.Launcher --runtime-image "$dist/runtime"
  --java-options "-Xss1m" --java-options "-XX:+UseSerialGC" --java-options "-XX:TieredStopAtLevel=1" --java-options "-Xmn32m"
  "${native_opts[@]}" "${thp_opts[@]}")
icon=assets/icons/tokenscope-256.png
[ "$os" = win ] && icon=assets/icons/tokenscope.ico
[ "$os" = mac ] && icon=assets/icons/tokenscope.icns

echo "== jpackage the app-image"
jpackage --type app-image "${common[@]}" --icon "$icon" --dest "$dist/image"
app="$dist/image/Tokenscope"; [ "$os" = mac ] && app="$dist/image/Tokenscope.app"
launcher="$app/bin/Tokenscope"; cfg="$app/lib/app/Tokenscope.cfg"
[ "$os" = mac ] && { launcher="$app/Contents/MacOS/Tokenscope"; cfg="$app/Contents/app/Tokenscope.cfg"; }

if $cds && [ "$os" = linux ]; then
  echo "== AppCDS: class list (the GUI's start under xvfb when available, and the CLI's inspect + verify), static archive"
  appdir=$(dirname "$cfg")
  list="$appdir/tokenscope.classlist"; jsa="$appdir/tokenscope.jsa"
  rm -f "$jsa" "$list" "$dist/gui.classlist" "$dist/cli.classlist"
  # The classes and lambda forms the window loads up to its first screen (recorded where there is a display: the
  # package's postinst has none) ...
  if command -v xvfb-run >/dev/null; then
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$PWD/$dist/gui.classlist -Dtokenscope.exitAfterShown=true" \
      timeout 120 xvfb-run -a -s "-screen 0 1366x768x24" "$launcher" >/dev/null 2>&1 || true
  fi
  # ... and those of `inspect` and `verify` (dev.tokenscope.cli.CdsTraining: bundled samples, offline, no output), run
  # with the launcher's options and class path.
  cp_app=$(sed -n 's|^app.classpath=\$APPDIR|'"$appdir"'|p' "$cfg" | paste -sd: -)
  mapfile -t opts_app < <(sed -n 's|^java-options=||p' "$cfg" | sed "s|\$APPDIR|$appdir|g")
  "$dist/runtime/bin/java" "${opts_app[@]}" -XX:DumpLoadedClassList="$dist/cli.classlist" -cp "$cp_app" dev.tokenscope.cli.CdsTraining >/dev/null 2>&1 || true
  { cat "$dist/gui.classlist" 2>/dev/null || true
    grep -v '^#' "$dist/cli.classlist" | { [ -s "$dist/gui.classlist" ] && grep -vxFf "$dist/gui.classlist" || cat; }; } > "$list"
  echo "   class list: $(grep -vc '^[#@]' "$list") classes, $(grep -c '^@lambda-proxy' "$list") lambda call sites"
  # A static archive from the list: unlike a dynamic one (-XX:ArchiveClassesAtExit) it is made without running the
  # app, so the package's postinst can make it for /opt/tokenscope with the window's lambda classes, with no display.
  "$dist/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$jsa" -Xlog:cds=off \
    -XX:+UseSerialGC -cp "$cp_app" >/dev/null 2>&1 || true
  # Launcher options: use the archive when it exists and was recorded for this location; never print CDS warnings.
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/tokenscope.jsa\njava-options=-Xshare:auto\njava-options=-Xlog:cds=off\njava-options=-Xlog:cds+dynamic=off|' "$cfg"
  echo "   archive: $(du -h "$jsa" 2>/dev/null | cut -f1 || echo none)"
fi

"$launcher" --version
$app_image_only && { echo "app-image: $app"; exit 0; }

echo "== jpackage the installer"
case $os in
  linux)
    # The archive is only valid where it was recorded: the package's postinst records its own in /opt/tokenscope.
    pkg_image="$dist/pkg-image/Tokenscope"; rm -rf "$dist/pkg-image"; mkdir -p "$dist/pkg-image"; cp -a "$app" "$pkg_image"
    rm -f "$pkg_image/lib/app/tokenscope.jsa" "$pkg_image/lib/runtime/lib/server/classes.jsa"
    jpackage --type deb --app-image "$pkg_image" --name Tokenscope --app-version "$version" --vendor "Tokenscope" \
      --description "Is this Microsoft Entra ID token valid for my API, and if not, why not?" \
      --resource-dir packaging/linux --linux-package-name tokenscope --linux-deb-maintainer "Tokenscope <maintainers@tokenscope.dev>" \
      --linux-app-category devel --linux-menu-group "Development;Security;" --about-url "https://tokenscope.dev" \
      --license-file LICENSE --dest "$dist" ;;
  win)
    jpackage --type msi --app-image "$app" --name Tokenscope --app-version "$version" --vendor "Tokenscope" \
      --win-menu --win-shortcut --win-dir-chooser --license-file LICENSE --dest "$dist" ;;
  mac)
    jpackage --type dmg --app-image "$app" --name Tokenscope --app-version "$version" --vendor "Tokenscope" --dest "$dist" ;;
esac
ls -la "$dist"/*.deb "$dist"/*.msi "$dist"/*.dmg 2>/dev/null || true
