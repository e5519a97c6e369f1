from alembic import context
from sqlalchemy import MetaData, create_engine, pool

import enum_ops  # noqa: F401 (registers op.sync_enum_values)

url = context.get_x_argument(as_dictionary=True).get("url", "postgresql://localhost/none")

# SQLAlchemy's index convention, and for primary keys PostgreSQL's own name: it lets a revision
# drop an unnamed primary key (drop_constraint(None, ..., type_="primary")).
target_metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "pk": "%(table_name)s_pkey"})


def run_offline():
    context.configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"},
                      target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


def run_online():
    # future=True: SQLAlchemy 2.0 style, where op.get_bind().commit() exists.
    engine = create_engine(url, poolclass=pool.NullPool, future=True)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        # A revision that calls op.get_bind().commit() leaves Alembic's version-table update in a
        # transaction SQLAlchemy 2.0 style began on its own; without this, the last one is lost.
        connection.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
