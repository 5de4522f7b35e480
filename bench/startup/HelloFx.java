import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.time.Duration;
import java.time.Instant;

/** The floor: a bare JavaFX window on the same runtime; prints the same metric as Tokenscope's startup trace. */
public class HelloFx extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Hello"), 400, 200));
        stage.setOnShown(e -> {
            long ms = ProcessHandle.current().info().startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
            System.err.println("hello.startup shown_ms=" + ms);
            Platform.exit();
        });
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
