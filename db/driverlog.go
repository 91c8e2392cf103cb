package db

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/go-sql-driver/mysql"
)

// LogDriverTo sends what the MySQL driver logs of its own (a connection
// cut: "unexpected EOF", "closing bad idle connection") to log at debug,
// instead of the process's standard error. The error it also returns
// reaches the request that met it, which logs it once, with its request
// id. The driver has one logger for the whole process: the last call wins.
func LogDriverTo(log *slog.Logger) {
	_ = mysql.SetLogger(driverLogger{log})
}

type driverLogger struct{ log *slog.Logger }

func (l driverLogger) Print(v ...any) {
	l.log.Log(context.Background(), slog.LevelDebug, "mysql driver", "msg", fmt.Sprint(v...))
}
