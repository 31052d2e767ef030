package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.dqms.DqmsApplication;
import org.junit.jupiter.api.Test;

/** Where the unpacked copy goes, and which starts use one; PackagedJarIT starts the real jar. */
class UnpackedLaunchTest {

    @Test
    void theCacheIsTheSettingOrTheUsersCacheDirectory() {
        assertThat(UnpackedLaunch.cache(Map.of("DQMS_JAR_CACHE_DIR", "/srv/dqms/jar-cache")))
                .contains(Path.of("/srv/dqms/jar-cache"));
        assertThat(UnpackedLaunch.cache(Map.of("DQMS_JAR_CACHE_DIR", " OFF "))).isEmpty();
        assertThat(UnpackedLaunch.cache(Map.of("XDG_CACHE_HOME", "/home/clinic/.cache-elsewhere")))
                .contains(Path.of("/home/clinic/.cache-elsewhere/dqms"));
        assertThat(UnpackedLaunch.cache(Map.of("DQMS_JAR_CACHE_DIR", "", "XDG_CACHE_HOME", "")))
                .contains(Path.of(System.getProperty("user.home"), ".cache", "dqms"));
    }

    @Test
    void aStartFromTheClassPathRunsAsItIs() throws Throwable {
        assertThat(UnpackedLaunch.executableJar(DqmsApplication.class)).isEmpty();
        assertThat(UnpackedLaunch.run(DqmsApplication.class, new String[] {"help"}))
                .isFalse();
    }
}
